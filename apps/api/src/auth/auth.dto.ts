import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'charge@aiguillage.demo' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'charge-aiguillage' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}
